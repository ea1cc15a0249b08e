-- R8, R9, R10, R19: no earning line for a video that does not qualify, and
-- none but void ones for a rejected video
select earning_lines.*
from earning_lines
inner join int_videos_qualified as videos using (video_id)
where not videos.qualifies
    or (videos.audit_status = 'rejected' and earning_lines.status <> 'rejected')
